import { Injectable } from '@nestjs/common';
import * as fs from 'fs';
import { DataSource } from 'typeorm';

@Injectable()
export class FilesService {
  constructor(private readonly dataSource: DataSource) {}

  read(name: string): string {
    const path = this.resolve(name);
    return fs.readFileSync(path, 'utf8'); // drift-expect: flow file_path
  }

  private resolve(name: string): string {
    return `/srv/files/${name}`;
  }

  remove(id: string) {
    fs.unlinkSync(`/srv/files/${id}`);
  }

  search(term: string) {
    return this.runQuery(`SELECT * FROM files WHERE title LIKE '%${term}%'`);
  }

  private runQuery(sql: string) {
    return this.dataSource.query(sql); // drift-expect: flow sql_query
  }

  evaluate(options: { expression: string }, note: string) {
    console.log(note);
    return eval(options.expression);
  }
}
