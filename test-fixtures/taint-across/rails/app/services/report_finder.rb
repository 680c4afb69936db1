class ReportFinder
  def by_title(title)
    Report.where("title = '#{title}'") # drift-expect: flow sql_query
  end

  def by_id(id)
    Report.where("id = #{id}")
  end

  def by_title_safely(title)
    Report.where(title: title)
  end
end
