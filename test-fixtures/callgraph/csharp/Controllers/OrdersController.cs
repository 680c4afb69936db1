using Microsoft.AspNetCore.Mvc;
using Shop.Services;

namespace Shop.Controllers
{
    [ApiController]
    [Route("orders")]
    public class OrdersController : ControllerBase
    {
        private readonly IOrderService _orderService;

        public OrdersController(IOrderService orderService)
        {
            _orderService = orderService;
        }

        [HttpPost]
        public IActionResult Create(string id)
        {
            var order = _orderService.Place(id);
            return Ok(order);
        }

        [HttpGet("{id}")]
        public IActionResult Show(string id)
        {
            return Ok(_orderService.Find(id));
        }
    }
}
