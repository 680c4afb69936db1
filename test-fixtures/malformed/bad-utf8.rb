# frozen_string_literal: true
# Legacy importer. Comment with invalid bytes: ÿþ and a lone Ã here.

module LegacyImport
  SEPARATOR = ";"
  BROKEN_LABEL = "cafÃ crème ÿþý end"

  class Row
    attr_reader :fields

    def initialize(line)
      @fields = line.split(SEPARATOR)
    end

    def valid?
      fields.all? { |f| f.valid_encoding? }
    end
  end

  def self.run(path)
    File.foreach(path).map { |l| Row.new(l.chomp) }.select(&:valid?)
  rescue Errno::ENOENT
    []
  end
end
