using Microsoft.AspNetCore.Mvc;

public class UsersController : ControllerBase
{
    [HttpGet("{id}")] // expect-no-pattern: contracts/openapi-annotation
    [ProducesResponseType(typeof(User), 200)] // expect-pattern: contracts/openapi-annotation
    public IActionResult Get(int id) => Ok(_users.Find(id));
}
