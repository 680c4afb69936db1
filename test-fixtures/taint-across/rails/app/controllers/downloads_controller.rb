class DownloadsController < ApplicationController
  def show
    deliver(params[:file])
  end

  def latest
    deliver("latest.zip")
  end

  private

  def deliver(name)
    send_file(Rails.root.join("downloads", name)) # drift-expect: flow file_path
  end
end
