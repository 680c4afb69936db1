class Member < ApplicationRecord # drift-expect: model Member
  has_many :subscriptions
end

class MembersController < ApplicationController
  def index
    @members = Member.where(active: true).order(:name).limit(20) # drift-expect: select Member
  end

  def create
    Member.create!(params.require(:member).permit(:email)) # drift-expect: insert Member
  end

  def destroy
    Member.find(params[:id]).destroy # drift-expect: delete Member
  end

  def search
    Member.find_by_sql("SELECT * FROM members WHERE name = '#{params[:q]}'") # drift-expect: raw_query Member unsafe
  end

  def export
    File.write("members.json", JSON.generate(Member.count)) # drift-expect: count Member
  end
end
