class ReportsController < ApplicationController
  def index
    @reports = ReportFinder.new.by_title(params[:title])
  end

  def show
    @report = ReportFinder.new.by_id(params[:id].to_i)
  end

  def export
    Exporter.new.run(params[:format])
    Exporter.new.run("csv")
  end
end
