using Microsoft.AspNetCore.Mvc;
using Shop.Services;

namespace Shop.Controllers
{
    [ApiController]
    [Route("customers")]
    public class CustomersController : ControllerBase
    {
        private readonly ICustomerStore _customerStore;
        private readonly BackupService _backupService;

        public CustomersController(ICustomerStore customerStore, BackupService backupService)
        {
            _customerStore = customerStore;
            _backupService = backupService;
        }

        [HttpGet]
        public IActionResult Search([FromQuery] string name)
        {
            return Ok(_customerStore.FindByName(name));
        }

        [HttpGet("count")]
        public IActionResult Count([FromQuery] string id)
        {
            return Ok(_customerStore.FindById(int.Parse(id)));
        }

        [HttpPost("backup")]
        public IActionResult Backup([FromForm] string target)
        {
            _backupService.Run(target);
            _backupService.Run("nightly");
            return Ok();
        }
    }
}
