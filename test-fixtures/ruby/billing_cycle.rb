# frozen_string_literal: true

require "logger"
require_relative "subscription"

module Subscriptions
  # Runs the nightly renewal cycle and charges customers.
  class BillingCycle
    MAX_ATTEMPTS = 3
    RETRY_WAIT = 0.5

    Result = Struct.new(:renewed, :failed, :skipped) do
      def total
        renewed.size + failed.size + skipped.size
      end
    end

    class << self
      def run(subscriptions, gateway:, logger: Logger.new($stdout))
        new(gateway, logger).call(subscriptions)
      end
    end

    def initialize(gateway, logger)
      @gateway = gateway
      @logger = logger
      @charges = Hash.new(0)
    end

    def call(subscriptions, today: Date.today)
      result = Result.new([], [], [])

      subscriptions.sort.each do |sub|
        unless sub.active? && sub.renews_on <= today
          result.skipped << sub
          next
        end

        begin
          charge(sub)
          sub.renew!(today)
          result.renewed << sub
        rescue PaymentFailedError => e
          @logger.warn("#{sub.customer_email}: #{e.message} after #{e.attempts} attempts")
          sub.mark_past_due!
          result.failed << sub
        rescue StandardError => e
          @logger.error("unexpected #{e.class}: #{e.message}")
          raise
        ensure
          @logger.debug { "processed #{sub.id}" }
        end
      end

      result
    end

    def charged_total
      @charges.values.sum
    end

    protected

    def amount_for(sub)
      cents = sub.plan.price_cents
      cents -= discount(sub.coupon, cents) if sub.coupon
      [cents, 0].max
    end

    private

    def charge(sub)
      attempts = 0
      begin
        attempts += 1
        receipt = @gateway.charge(email: sub.customer_email, amount_cents: amount_for(sub), currency: "USD")
        @charges[sub.id] += receipt.fetch(:amount_cents)
      rescue Timeout::Error, IOError => e
        if attempts < MAX_ATTEMPTS
          sleep(RETRY_WAIT * attempts)
          retry
        end
        raise PaymentFailedError.new(e.message, attempts: attempts)
      end
    end

    def discount(coupon, cents)
      case coupon
      when /\AHALF/ then cents / 2
      when /\AOFF(\d+)\z/ then Regexp.last_match(1).to_i * 100
      when Integer then coupon
      else 0
      end
    end
  end
end
