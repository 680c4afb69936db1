# File name contains shell-special characters: & ( ) # and spaces.
module Copies
  ORIGINAL = "a&b"

  class Duplicate
    attr_reader :index

    def initialize(index = 1)
      @index = index
    end

    def label
      "#{ORIGINAL} (copy) ##{index}"
    end
  end

  def self.make(count)
    (1..count).map { |i| Duplicate.new(i).label }
  end
end
