using Microsoft.AspNetCore.Mvc;

namespace Shop.Controllers
{
    public class AccountController : Controller
    {
        [HttpGet("login/done")]
        public IActionResult Done([FromQuery] string returnUrl)
        {
            return Back(returnUrl);
        }

        [HttpGet("logout")]
        public IActionResult Logout()
        {
            return Back("/");
        }

        private IActionResult Back(string url)
        {
            return Redirect(url); // drift-expect: flow http_redirect
        }
    }
}
