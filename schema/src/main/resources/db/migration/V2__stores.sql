-- Websites, store groups and store views. Ids 0 (admin, code "admin", addressed as "all") and
-- 1 ("default") exist after migration, as in a fresh Magento installation.

create table store_website (
    website_id integer     primary key,
    code       varchar(32) not null unique,
    name       varchar(64) not null
);

create table store_group (
    group_id         integer      primary key,
    website_id       integer      not null references store_website (website_id),
    name             varchar(255) not null,
    root_category_id integer      not null default 0
);

create table store (
    store_id       serial       primary key,
    code           varchar(32)  not null,
    name           varchar(255) not null,
    website_id     integer      not null references store_website (website_id),
    store_group_id integer      not null references store_group (group_id),
    sort_order     integer      not null default 0,
    is_active      smallint     not null default 1 check (is_active in (0, 1))
);

create unique index store_code_key on store (lower(code));

insert into store_website (website_id, code, name) values (0, 'admin', 'Admin'), (1, 'base', 'Main Website');
insert into store_group (group_id, website_id, name, root_category_id) values (0, 0, 'Default', 0), (1, 1, 'Main Website Store', 2);
insert into store (store_id, code, name, website_id, store_group_id, sort_order, is_active)
values (0, 'admin', 'Admin', 0, 0, 0, 1), (1, 'default', 'Default Store View', 1, 1, 0, 1);
select setval(pg_get_serial_sequence('store', 'store_id'), 1);
