// Table types, kept in step with migrations/. Generated<> marks columns the database fills in.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, Date>;

export type Role = 'admin' | 'member';

export interface AccountsTable {
  id: Generated<number>;
  username: string;
  username_key: string;
  display_name: string;
  email: string;
  password_hash: string;
  role: ColumnType<Role, Role | undefined, Role>;
  locale: 'sv' | 'en' | 'da' | null;
  created_at: CreatedAt;
}

export interface SessionsTable {
  id: string;
  account_id: number;
  secret_hash: Uint8Array;
  created_at: CreatedAt;
  expires_at: Date;
}


export interface NetworksTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  description_html: ColumnType<string, string | undefined, string>;
  thread_count: ColumnType<number, never, number>;
  last_activity_at: ColumnType<Date | null, never, Date>;
  created_at: CreatedAt;
}

export interface ThreadsTable {
  id: Generated<number>;
  network_id: number;
  author_id: number;
  title: string;
  slug: string;
  pinned: ColumnType<boolean, boolean | undefined, boolean>;
  locked: ColumnType<boolean, boolean | undefined, boolean>;
  reply_count: ColumnType<number, never, number>;
  top_level_count: ColumnType<number, never, number>;
  last_poster_id: number | null;
  last_activity_at: ColumnType<Date, Date | undefined, Date>;
  created_at: CreatedAt;
}

export interface PostsTable {
  id: Generated<number>;
  thread_id: number;
  parent_id: number | null;
  root_id: number | null;
  depth: number;
  top_level_number: number | null;
  author_id: number;
  body: string;
  html: string;
  created_at: CreatedAt;
  edited_at: Date | null;
  deleted_at: Date | null;
  deleted_by_id: number | null;
}

export interface PostRevisionsTable {
  id: Generated<number>;
  post_id: number;
  editor_id: number;
  body: string;
  title: string | null;
  created_at: CreatedAt;
}

export interface EventsTable {
  id: Generated<number>;
  name: string;
  payload: ColumnType<unknown, string, never>;
  thread_id: number | null;
  network_id: number | null;
  created_at: CreatedAt;
}

export interface DB {
  accounts: AccountsTable;
  sessions: SessionsTable;
  networks: NetworksTable;
  threads: ThreadsTable;
  posts: PostsTable;
  post_revisions: PostRevisionsTable;
  events: EventsTable;
}
