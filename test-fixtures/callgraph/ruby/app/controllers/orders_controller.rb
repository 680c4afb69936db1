class OrdersController < ApplicationController
  def create
    total = OrderService.new.place(params[:code], 1)
    render json: { total: total }
  end
end
