class Post < ApplicationRecord # expect-pattern: rails/data_access/active-record-model  expect-no-pattern: rails/api/controller
  belongs_to :author, class_name: "User"
  has_many :comments, dependent: :destroy

  validates :title, presence: true, length: { maximum: 120 } # expect-pattern: rails/data_access/validates
  validates_uniqueness_of :slug # expect-pattern: rails/data_access/validates
  validate :publish_date_in_future # expect-pattern: rails/data_access/validates

  scope :published, -> { where(published: true) }

  private

  def publish_date_in_future
    errors.add(:published_at, "must be in the future") if published_at&.past? # expect-no-pattern: rails/data_access/validates
  end
end

class PostPresenter # expect-no-pattern: rails/data_access/active-record-model
  def initialize(post)
    @post = post
  end
end
