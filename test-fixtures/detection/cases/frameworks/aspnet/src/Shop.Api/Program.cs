using Microsoft.EntityFrameworkCore;
using Shop.Api.Data;
using Shop.Api.Services;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddControllers(); // expect-no-pattern: aspnet/structural/di-registration
builder.Services.AddDbContext<ShopDb>(options => options.UseNpgsql(builder.Configuration.GetConnectionString("Shop")));
builder.Services.AddScoped<IOrderService, OrderService>(); // expect-pattern: aspnet/structural/di-registration
builder.Services.AddSingleton<IClock, SystemClock>(); // expect-pattern: aspnet/structural/di-registration
builder.Services.AddTransient(typeof(IRepository<>), typeof(EfRepository<>)); // expect-pattern: aspnet/structural/di-registration

var app = builder.Build();

app.MapControllers(); // expect-no-pattern: aspnet/api/minimal-api-endpoint
app.MapGet("/health", () => Results.Ok(new { status = "ok" })); // expect-pattern: aspnet/api/minimal-api-endpoint

app.Run();

public partial class Program { }
