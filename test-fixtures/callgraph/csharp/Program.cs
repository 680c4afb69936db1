using Shop.Data;
using Shop.Services;

namespace Shop
{
    public static class Program
    {
        public static void Main(string[] args)
        {
            var service = new OrderService(new OrderRepository());
            System.Console.WriteLine(service.Place("a"));
        }
    }
}
