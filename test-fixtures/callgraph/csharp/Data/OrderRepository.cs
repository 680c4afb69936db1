using System.Collections.Generic;

namespace Shop.Data
{
    public class OrderRepository
    {
        private readonly Dictionary<string, string> _rows = new Dictionary<string, string>();

        public void Save(string id)
        {
            _rows[id] = id;
        }

        public string Load(string id)
        {
            return _rows.TryGetValue(id, out var value) ? value : null;
        }
    }
}
