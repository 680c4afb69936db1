# frozen_string_literal: true

require "date"
require "securerandom"
require_relative "notifier"

module Subscriptions
  VERSION = "0.9.3"

  class Error < StandardError; end
  class InvalidPlanError < Error; end

  class PaymentFailedError < Error
    attr_reader :attempts

    def initialize(message = "payment failed", attempts: 1)
      super(message)
      @attempts = attempts
    end
  end

  module Comparable
    include ::Comparable

    def <=>(other)
      sort_key <=> other.sort_key
    end
  end

  Plan = Struct.new(:code, :name, :price_cents, :interval_months, keyword_init: true) do
    def monthly_cents
      (price_cents.to_f / interval_months).round
    end
  end

  PLANS = {
    basic: Plan.new(code: "basic", name: "Basic", price_cents: 900, interval_months: 1),
    pro: Plan.new(code: "pro", name: "Pro", price_cents: 24_000, interval_months: 12),
    team: Plan.new(code: "team", name: "Team", price_cents: 4_900, interval_months: 1)
  }.freeze

  class Subscription
    include Comparable
    include Notifier::Hooks

    STATES = %i[trialing active past_due cancelled].freeze

    attr_reader :id, :customer_email, :plan, :state, :renews_on
    attr_accessor :coupon

    def self.start(email, plan_code, trial_days: 14)
      plan = PLANS.fetch(plan_code.to_sym) { raise InvalidPlanError, "unknown plan #{plan_code}" }
      new(email, plan, Date.today + trial_days).tap do |sub|
        sub.notify(:started, plan: plan.code)
      end
    end

    def initialize(customer_email, plan, renews_on)
      @id = SecureRandom.uuid
      @customer_email = customer_email
      @plan = plan
      @renews_on = renews_on
      @state = :trialing
      @coupon = nil
    end

    def sort_key
      [renews_on, customer_email]
    end

    def active?
      %i[trialing active].include?(state)
    end

    def renew!(today = Date.today)
      return false unless active? || state == :past_due
      return false if today < renews_on

      @renews_on = renews_on >> plan.interval_months
      transition_to(:active)
      true
    end

    def cancel!(reason: nil)
      transition_to(:cancelled)
      notify(:cancelled, reason: reason || "customer request")
      self
    end

    def mark_past_due!
      transition_to(:past_due)
    end

    def to_h
      { id: id, email: customer_email, plan: plan.code, state: state, renews_on: renews_on.iso8601 }
    end

    def to_s = "#<Subscription #{customer_email} #{plan.name} (#{state})>"

    private

    def transition_to(new_state)
      raise ArgumentError, "bad state #{new_state.inspect}" unless STATES.include?(new_state)

      @state = new_state
    end
  end
end
