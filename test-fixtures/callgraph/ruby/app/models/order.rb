class ApplicationRecord
  def self.find_by_code(code)
    new(code)
  end

  def initialize(code)
    @code = code
  end

  def label
    "order #{@code}"
  end
end

class Order < ApplicationRecord
  def summary
    "#{label} (#{status_text})"
  end

  private

  def status_text
    "open"
  end
end
