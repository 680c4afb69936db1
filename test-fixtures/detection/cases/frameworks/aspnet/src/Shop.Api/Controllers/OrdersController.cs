using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Shop.Api.Services;

namespace Shop.Api.Controllers;

[ApiController] // expect-pattern: aspnet/api/api-controller, aspnet/api/controller-class  expect-no-pattern: aspnet/api/http-method-attribute
[Route("api/[controller]")] // expect-no-pattern: aspnet/api/api-controller, aspnet/auth/authorize
[Authorize(Policy = "Customers")] // expect-pattern: aspnet/auth/authorize
public class OrdersController : ControllerBase
{
    private readonly IOrderService _orders;

    public OrdersController(IOrderService orders)
    {
        _orders = orders;
    }

    [HttpGet("{id:int}")] // expect-pattern: aspnet/api/http-method-attribute, aspnet/performance/async-action  expect-no-pattern: aspnet/performance/sync-action
    [AllowAnonymous] // expect-no-pattern: aspnet/auth/authorize
    public async Task<ActionResult<OrderDto>> Get(int id, CancellationToken ct)
    {
        var order = await _orders.FindAsync(id, ct);
        return order is null ? NotFound() : Ok(order);
    }

    [HttpPost] // expect-pattern: aspnet/performance/async-action
    public async Task<IActionResult> Create([FromBody] CreateOrder request, CancellationToken ct)
    {
        var created = await _orders.CreateAsync(request, ct);
        return CreatedAtAction(nameof(Get), new { id = created.Id }, created);
    }

    [HttpDelete("{id:int}")] // expect-pattern: aspnet/performance/sync-action  expect-no-pattern: aspnet/performance/async-action
    [Authorize(Roles = "Admin")]
    public IActionResult Delete(int id)
    {
        _orders.Delete(id);
        return NoContent();
    }

    [NonAction] // expect-no-pattern: aspnet/performance/sync-action, aspnet/performance/async-action
    public OrderDto Map(Order order) => OrderDto.From(order);
}

public class OrderDto // expect-no-pattern: aspnet/api/controller-class
{
    public int Id { get; set; }
}
