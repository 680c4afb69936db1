using System.Security.Claims;

public class Accounts
{
    public string Hash(string password) => BCrypt.Net.BCrypt.HashPassword(password); // expect-pattern: auth/password-hash-strong

    public bool CanManage(ClaimsPrincipal user) => user.IsInRole("Manager"); // expect-pattern: auth/role-check  expect-no-pattern: auth/permission-check

    public async Task<bool> CanEdit(ClaimsPrincipal user, Document doc)
    {
        var result = await _authorization.AuthorizeAsync(user, doc, "EditPolicy"); // expect-pattern: auth/permission-check
        return result.Succeeded;
    }
}
