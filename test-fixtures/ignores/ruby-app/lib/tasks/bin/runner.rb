module Tasks
  def self.run
    puts "run"
  end
end
