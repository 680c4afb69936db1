using Microsoft.EntityFrameworkCore;

namespace Shop.Api.Data;

public class ShopDb : DbContext // expect-pattern: aspnet/data_access/db-context
{
    public ShopDb(DbContextOptions<ShopDb> options) : base(options) { }

    public DbSet<Order> Orders => Set<Order>();
}

public class OrderConfiguration : IEntityTypeConfiguration<Order> // expect-no-pattern: aspnet/data_access/db-context
{
    public void Configure(EntityTypeBuilder<Order> builder) => builder.HasKey(o => o.Id);
}
