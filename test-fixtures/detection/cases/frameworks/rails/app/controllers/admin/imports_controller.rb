module Admin
  class ImportsController < Admin::BaseController # expect-pattern: rails/api/controller
    before_action :require_admin # expect-pattern: rails/auth/authentication-filter
    skip_before_action :verify_authenticity_token, only: :webhook # expect-pattern: rails/security/csrf-disabled

    def create
      import = Import.create(source: params[:source], user_id: current_user.id) # expect-pattern: rails/security/direct-params  expect-no-pattern: rails/security/strong-params
      ImportJob.perform_later(import.id)
      redirect_to admin_imports_path
    end

    def retag
      @import = Import.find(params[:id])
      @import.update(params[:import]) # expect-pattern: rails/security/direct-params
      head :no_content
    end

    def webhook
      head :ok
    end
  end
end
