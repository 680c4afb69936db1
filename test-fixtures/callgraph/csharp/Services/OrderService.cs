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
            return id;
        }

        public string Find(string id)
        {
            return _orderRepository.Load(id);
        }

        private static string Normalize(string id)
        {
            return id.Trim();
        }

        private void Unused()
        {
        }
    }
}
