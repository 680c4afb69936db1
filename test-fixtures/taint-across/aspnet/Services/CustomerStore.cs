using Dapper;
using Microsoft.Data.SqlClient;

namespace Shop.Services
{
    public interface ICustomerStore
    {
        object FindByName(string name);
        object FindById(int id);
    }

    public class CustomerStore : ICustomerStore
    {
        private readonly SqlConnection _connection;

        public CustomerStore(SqlConnection connection)
        {
            _connection = connection;
        }

        public object FindByName(string name)
        {
            var sql = "SELECT * FROM Customers WHERE Name = '" + name + "'";
            return _connection.Query(sql); // drift-expect: flow sql_query
        }

        public object FindById(int id)
        {
            return _connection.Query("SELECT * FROM Customers WHERE Id = " + id);
        }
    }
}
