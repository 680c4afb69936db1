using Microsoft.Extensions.Logging;

public class Payments
{
    private readonly ILogger<Payments> _logger;

    public Payments(ILoggerFactory factory)
    {
        _logger = factory.CreateLogger<Payments>(); // expect-pattern: logging/logger-named-by-module
    }

    public void Charge(Card card, string apiKey)
    {
        _logger.LogInformation("Charging card {CardId}", card.Id); // expect-pattern: logging/logger-call, logging/parameterized-message
        _logger.LogWarning($"Retrying card {card.Id}"); // expect-pattern: logging/interpolated-message
        Console.WriteLine("charged"); // expect-pattern: logging/print-output
        _logger.LogDebug("Using key {Key}", apiKey); // expect-pattern: logging/sensitive-data-logged
    }
}
