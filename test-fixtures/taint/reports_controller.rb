class ReportsController < ApplicationController
  def show
    name = params[:name]
    Report.find_by_sql("SELECT * FROM reports WHERE name = '#{name}'") # drift-expect: flow sql_query
  end

  def show_safe
    id = params[:id].to_i
    Report.find_by_sql("SELECT * FROM reports WHERE id = #{id}")
  end

  def ping
    host = params[:host]
    system("ping -c 1 #{host}") # drift-expect: flow os_command
  end

  def ping_safe
    host = Shellwords.escape(params[:host])
    system("ping -c 1 #{host}")
  end

  def download
    send_file(File.join("/srv/reports", params[:file])) # drift-expect: flow file_path
  end
end
