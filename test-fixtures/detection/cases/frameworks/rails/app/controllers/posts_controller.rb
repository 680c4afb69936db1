class PostsController < ApplicationController # expect-pattern: rails/api/controller
  before_action :authenticate_user!, except: %i[index show] # expect-pattern: rails/auth/authentication-filter
  before_action :set_post, only: %i[show edit update destroy] # expect-no-pattern: rails/auth/authentication-filter

  def index
    @posts = Post.published.order(created_at: :desc).page(params[:page]) # expect-no-pattern: rails/security/direct-params
  end

  def create
    @post = current_user.posts.new(post_params) # expect-no-pattern: rails/security/direct-params
    if @post.save
      redirect_to @post, notice: "Post created."
    else
      render :new, status: :unprocessable_entity
    end
  end

  def update
    if @post.update(post_params)
      redirect_to @post
    else
      render :edit, status: :unprocessable_entity
    end
  end

  private

  def set_post
    @post = Post.find(params[:id])
  end

  def post_params
    params.require(:post).permit(:title, :body, :published) # expect-pattern: rails/security/strong-params  expect-no-pattern: rails/security/direct-params
  end
end
