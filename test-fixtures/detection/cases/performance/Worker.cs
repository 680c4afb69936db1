using System.Threading;
using System.Threading.Tasks;

public class Worker
{
    public async Task ProcessAsync(Job job) // expect-pattern: performance/blocking-call-in-async
    {
        Thread.Sleep(1000);
        await job.RunAsync();
    }

    public async Task ProcessAllAsync(Job[] jobs) // expect-no-pattern: performance/blocking-call-in-async
    {
        await Task.WhenAll(jobs.Select(j => j.RunAsync())); // expect-pattern: performance/concurrent-await
    }

    public async Task SequentialAsync(Job[] jobs)
    {
        // expect-pattern: performance/await-in-loop
        foreach (var job in jobs)
        {
            await job.RunAsync();
        }
    }
}
