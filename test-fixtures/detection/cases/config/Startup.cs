using System;

public static class Startup
{
    public static string ConnectionString() =>
        Environment.GetEnvironmentVariable("DB_CONNECTION") ?? throw new InvalidOperationException("DB_CONNECTION is not set"); // expect-pattern: config/env-required  expect-no-pattern: config/env-default

    public static string Region() =>
        Environment.GetEnvironmentVariable("REGION") ?? "westeurope"; // expect-pattern: config/env-default

    public static string Tenant() =>
        Environment.GetEnvironmentVariable("TENANT"); // expect-pattern: config/env-no-default

    public static void Configure(IServiceCollection services)
    {
        services.AddOptions<SmtpOptions>().BindConfiguration("Smtp").ValidateDataAnnotations(); // expect-pattern: config/validated-env
    }
}
