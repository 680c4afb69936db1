class Exporter
  def run(format)
    system("report-export --format #{format}") # drift-expect: flow os_command
  end
end
