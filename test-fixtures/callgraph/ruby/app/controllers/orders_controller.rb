class OrdersController < ApplicationController
  before_action :load_cart

  def create
    total = OrderService.new.place(params[:code], 1)
    render json: { total: total }
  end

  private

  def load_cart
    @cart = params[:cart]
  end
end
