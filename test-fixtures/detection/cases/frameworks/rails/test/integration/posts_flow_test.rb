require "test_helper"

class PostsFlowTest < ActionDispatch::IntegrationTest # expect-pattern: rails/testing/rails-test-case
  test "guests are sent to the login page" do
    post posts_path, params: { post: { title: "Hi" } }
    assert_redirected_to new_user_session_path
  end
end

class PostTitleTest < Minitest::Test # expect-no-pattern: rails/testing/rails-test-case
  def test_truncates
    assert_equal "abc", "abcdef"[0, 3]
  end
end
