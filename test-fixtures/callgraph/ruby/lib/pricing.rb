module Pricing
  def self.total(quantity)
    with_tax(quantity * 250)
  end

  def self.with_tax(cents)
    cents + cents / 5
  end
end
