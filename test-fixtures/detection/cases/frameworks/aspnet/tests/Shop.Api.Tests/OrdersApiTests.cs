using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Shop.Api.Tests;

public class OrdersApiTests : IClassFixture<WebApplicationFactory<Program>> // expect-pattern: aspnet/testing/web-application-factory
{
    private readonly WebApplicationFactory<Program> _factory; // expect-no-pattern: aspnet/testing/web-application-factory

    public OrdersApiTests(WebApplicationFactory<Program> factory)
    {
        _factory = factory;
    }

    [Fact]
    public async Task Anonymous_requests_are_rejected()
    {
        var client = _factory.CreateClient();
        var response = await client.GetAsync("/api/orders/1");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
