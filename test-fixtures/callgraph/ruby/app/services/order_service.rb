require_relative "../../lib/pricing"

class OrderService
  def place(code, quantity)
    order = Order.find_by_code(code)
    total = Pricing.total(quantity)
    notify(order)
    total
  end

  private

  def notify(order)
    puts order.summary
  end

  def forgotten
    :nothing
  end
end
