class AccountsService
  def transfer(from, to, amount)
    Account.transaction do # expect-pattern: data_access/transaction-managed
      from.withdraw!(amount)
      to.deposit!(amount)
    end
  end

  def owner(email)
    Account.find_by(email: email) # expect-pattern: data_access/orm-query
  end

  def report(where)
    warn "called from #{where}" # expect-no-pattern: data_access/orm-query
  end
end
