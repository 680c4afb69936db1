using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Acme.Payments.Domain;

namespace Acme.Payments.Reporting
{
    public readonly struct LedgerEntry
    {
        public LedgerEntry(DateOnly date, string account, decimal debit, decimal credit)
        {
            Date = date;
            Account = account;
            Debit = debit;
            Credit = credit;
        }

        public DateOnly Date { get; }
        public string Account { get; }
        public decimal Debit { get; }
        public decimal Credit { get; }
        public decimal Net => Debit - Credit;
    }

    public static class LedgerExtensions
    {
        public static decimal Balance(this IEnumerable<LedgerEntry> entries, string account) =>
            entries.Where(e => e.Account == account).Sum(e => e.Net);

        public static IEnumerable<IGrouping<DateOnly, LedgerEntry>> ByDay(this IEnumerable<LedgerEntry> entries) =>
            entries.OrderBy(e => e.Date).GroupBy(e => e.Date);
    }

    public partial class Ledger
    {
        internal const string ReceivablesAccount = "1200-receivables";
        internal const string RevenueAccount = "4000-revenue";

        private readonly List<LedgerEntry> _entries = new();

        public event EventHandler<LedgerEntry>? EntryPosted;

        public IReadOnlyCollection<LedgerEntry> Entries => _entries;

        public decimal this[string account] => _entries.Balance(account);

        public void Post(Payment payment)
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var amount = payment.Amount.Amount;
            PostEntry(new LedgerEntry(today, ReceivablesAccount, amount, 0m));
            PostEntry(new LedgerEntry(today, RevenueAccount, 0m, amount));
        }

        private void PostEntry(LedgerEntry entry)
        {
            _entries.Add(entry);
            EntryPosted?.Invoke(this, entry);
        }

        public bool IsBalanced() => _entries.Sum(e => e.Net) == 0m;
    }

    public partial class Ledger
    {
        public async Task ExportCsvAsync(string path)
        {
            var sb = new StringBuilder("date,account,debit,credit\n");
            foreach (var e in _entries)
            {
                sb.AppendLine($"{e.Date:yyyy-MM-dd},{e.Account},{e.Debit},{e.Credit}");
            }

            StreamWriter? writer = null;
            try
            {
                writer = new StreamWriter(path, append: false, Encoding.UTF8);
                await writer.WriteAsync(sb.ToString());
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new IOException($"cannot write ledger to '{path}'", ex);
            }
            finally
            {
                writer?.Dispose();
            }
        }

        public string Summary()
        {
            var days = _entries.ByDay().Count();
            return $"{_entries.Count} entries over {days} day(s); balanced={IsBalanced()}";
        }
    }
}
