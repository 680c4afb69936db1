using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

public class OrdersController : ControllerBase
{
    public IActionResult Fail(string reason)
    {
        return StatusCode(500, reason); // expect-pattern: api/status-code-literal
    }

    public IActionResult Gone()
    {
        return StatusCode(StatusCodes.Status410Gone); // expect-pattern: api/status-code-named  expect-no-pattern: api/status-code-literal
    }
}
