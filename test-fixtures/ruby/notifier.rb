# frozen_string_literal: true

require "json"
require "net/http"

module Subscriptions
  module Notifier
    Event = Struct.new(:name, :payload, :at)

    # Mixed into models that emit lifecycle events.
    module Hooks
      def self.included(base)
        base.extend(ClassMethods)
      end

      module ClassMethods
        def listeners
          @listeners ||= []
        end

        def on_event(&block)
          listeners << block
        end
      end

      def notify(name, **payload)
        event = Event.new(name, payload.merge(subject: self.class.name), Time.now.utc)
        self.class.listeners.each { |listener| listener.call(event) }
        Notifier.deliver(event)
      end
    end

    @queue = []
    @mutex = Mutex.new

    class << self
      attr_reader :queue

      def deliver(event)
        @mutex.synchronize { @queue.push(event) }
      end

      def drain(limit = 100)
        @mutex.synchronize { @queue.shift(limit) }
      end
    end

    class WebhookSender
      DEFAULT_TIMEOUT = 5

      def initialize(url, secret:, timeout: DEFAULT_TIMEOUT)
        @uri = URI(url)
        @secret = secret
        @timeout = timeout
      end

      def flush
        sent = 0
        Notifier.drain.each_slice(10) do |batch|
          body = JSON.generate(batch.map { |e| { event: e.name, data: e.payload, at: e.at.to_i } })
          sent += batch.size if post(body)
        end
        sent
      end

      private

      def post(body)
        http = Net::HTTP.new(@uri.host, @uri.port)
        http.use_ssl = @uri.scheme == "https"
        http.read_timeout = @timeout
        request = Net::HTTP::Post.new(@uri.request_uri, "Content-Type" => "application/json")
        request["X-Signature"] = signature(body)
        request.body = body
        response = http.request(request)
        response.is_a?(Net::HTTPSuccess)
      rescue SocketError, Errno::ECONNREFUSED => e
        warn "webhook delivery failed: #{e.message}"
        false
      ensure
        http&.finish if http&.started?
      end

      def signature(body)
        require "openssl"
        OpenSSL::HMAC.hexdigest("SHA256", @secret, body)
      end
    end
  end
end
