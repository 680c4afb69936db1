class ApiController < ActionController::API # expect-pattern: rails/api/controller
  protect_from_forgery with: :null_session # expect-pattern: rails/security/csrf-disabled
end

class SessionsController < ActionController::Base
  protect_from_forgery with: :exception # expect-no-pattern: rails/security/csrf-disabled
end

class ReportBuilder # expect-no-pattern: rails/api/controller
  def initialize(rows)
    @rows = rows
  end
end
