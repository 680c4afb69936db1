require "net/http"

class Fetcher
  def insecure(uri)
    http = Net::HTTP.new(uri.host, uri.port)
    http.use_ssl = true
    http.verify_mode = OpenSSL::SSL::VERIFY_NONE # expect-pattern: security/tls-verification-disabled
    http
  end

  def secure(uri)
    http = Net::HTTP.new(uri.host, uri.port)
    http.verify_mode = OpenSSL::SSL::VERIFY_PEER # expect-no-pattern: security/tls-verification-disabled
    http
  end

  def restore(blob)
    Marshal.load(blob) # expect-pattern: security/unsafe-deserialization
  end
end
