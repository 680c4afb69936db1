using System.Linq;
using Microsoft.EntityFrameworkCore;

namespace Shop.Orders
{
    public class OrderStore
    {
        private readonly ShopContext _context;

        public OrderStore(ShopContext context)
        {
            _context = context;
        }

        public Order Find(int id)
        {
            return _context.Orders.Where(o => o.Id == id).FirstOrDefault(); // drift-expect: select Orders
        }

        public void Add(Order order)
        {
            _context.Orders.Add(order); // drift-expect: insert Orders
            _context.SaveChanges();
        }

        public void Purge(string region)
        {
            _context.Database.ExecuteSqlRaw("DELETE FROM orders WHERE region = '" + region + "'"); // drift-expect: raw_query orders unsafe
        }
    }
}
