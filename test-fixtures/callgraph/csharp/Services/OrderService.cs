using System.Linq;
using Shop.Data;

namespace Shop.Services
{
    public interface IOrderService
    {
        string Place(string id);
        string Find(string id);
    }

    public class OrderService : IOrderService
    {
        private readonly OrderRepository _orderRepository;

        public OrderService(OrderRepository orderRepository)
        {
            _orderRepository = orderRepository;
        }

        public string Place(string id)
        {
            _orderRepository.Save(Normalize(id));
            return string.Join(",", new[] { id }.Select(Clean));
        }

        public string Find(string id)
        {
            return _orderRepository.Load(id);
        }

        private static string Normalize(string id)
        {
            return id.Trim();
        }

        private static string Clean(string id)
        {
            return id.ToUpperInvariant();
        }

        private void Unused()
        {
        }
    }
}
