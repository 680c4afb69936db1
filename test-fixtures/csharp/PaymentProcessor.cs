using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Acme.Payments.Domain;
using Microsoft.Extensions.Logging;

namespace Acme.Payments.Services;

public class PaymentDeclinedException : Exception
{
    public PaymentDeclinedException(string code, Exception? inner = null)
        : base($"Payment declined ({code})", inner)
    {
        DeclineCode = code;
    }

    public string DeclineCode { get; }
}

public interface IPaymentGateway
{
    Task<string> AuthorizeAsync(Payment payment, CancellationToken ct = default);
    Task CaptureAsync(string authorizationId, CancellationToken ct = default);
}

[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RetryAttribute : Attribute
{
    public RetryAttribute(int attempts) => Attempts = attempts;

    public int Attempts { get; }
    public int BackoffMs { get; set; } = 200;
}

public record ProcessResult(Guid PaymentId, bool Success, string? AuthorizationId, string? Error);

public class PaymentProcessor : IDisposable
{
    private const int MaxParallel = 4;
    private readonly IPaymentGateway _gateway;
    private readonly ILogger<PaymentProcessor> _logger;
    private readonly ConcurrentDictionary<Guid, ProcessResult> _results = new();
    private readonly SemaphoreSlim _throttle = new(MaxParallel, MaxParallel);
    private bool _disposed;

    public PaymentProcessor(IPaymentGateway gateway, ILogger<PaymentProcessor> logger)
    {
        _gateway = gateway;
        _logger = logger;
    }

    public int Processed => _results.Count;

    [Retry(3, BackoffMs = 500)]
    public async Task<ProcessResult> ProcessAsync(Payment payment, CancellationToken ct = default)
    {
        await _throttle.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var authId = await _gateway.AuthorizeAsync(payment, ct);
            await _gateway.CaptureAsync(authId, ct);
            payment.AddNote($"captured {authId}");
            return Record(new ProcessResult(payment.Id, true, authId, null));
        }
        catch (PaymentDeclinedException ex) when (ex.DeclineCode == "insufficient_funds")
        {
            _logger.LogWarning(ex, "Insufficient funds for {PaymentId}", payment.Id);
            return Record(new ProcessResult(payment.Id, false, null, ex.DeclineCode));
        }
        catch (HttpRequestException ex)
        {
            _logger.LogError(ex, "Gateway unreachable");
            throw;
        }
        finally
        {
            _throttle.Release();
        }
    }

    public async Task<ProcessResult[]> ProcessBatchAsync(IEnumerable<Payment> payments, CancellationToken ct)
    {
        var tasks = payments
            .Where(p => !p.IsRefunded)
            .Select(p => ProcessAsync(p, ct));
        return await Task.WhenAll(tasks);
    }

    protected virtual ProcessResult Record(ProcessResult result)
    {
        _results[result.PaymentId] = result;
        return result;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _throttle.Dispose();
        _disposed = true;
        GC.SuppressFinalize(this);
    }
}
