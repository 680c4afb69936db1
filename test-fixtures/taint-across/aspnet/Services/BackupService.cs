using System.Diagnostics;

namespace Shop.Services
{
    public class BackupService
    {
        public void Run(string target)
        {
            Process.Start("backup-tool", "--target " + target); // drift-expect: flow os_command
        }
    }
}
