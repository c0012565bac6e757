-- Customers and their addresses. An e-mail address is unique per website (Magento's default
-- "per website" account sharing scope), compared case-insensitively.

create table customer_group (
    group_id integer     primary key,
    code     varchar(32) not null unique
);

insert into customer_group (group_id, code) values (0, 'NOT LOGGED IN'), (1, 'General'), (2, 'Wholesale'), (3, 'Retailer');

create table customer (
    id                        serial       primary key,
    website_id                integer      not null references store_website (website_id),
    store_id                  integer      not null references store (store_id),
    group_id                  integer      not null references customer_group (group_id),
    email                     varchar(255) not null,
    firstname                 varchar(255) not null,
    lastname                  varchar(255) not null,
    middlename                varchar(255),
    prefix                    varchar(40),
    suffix                    varchar(40),
    dob                       date,
    gender                    smallint,
    taxvat                    varchar(50),
    confirmation              varchar(64),
    created_in                varchar(255),
    disable_auto_group_change smallint     not null default 0,
    password_hash             varchar(255),
    default_billing           integer,
    default_shipping          integer,
    is_subscribed             boolean      not null default false,
    custom_attributes         jsonb        not null default '{}'::jsonb,
    created_at                timestamptz  not null default now(),
    updated_at                timestamptz  not null default now()
);

create unique index customer_email_website_key on customer (lower(email), website_id);

create table customer_address (
    id                serial       primary key,
    customer_id       integer      not null references customer (id) on delete cascade,
    firstname         varchar(255) not null,
    lastname          varchar(255) not null,
    middlename        varchar(255),
    prefix            varchar(40),
    suffix            varchar(40),
    company           varchar(255),
    street            text[]       not null,
    city              varchar(255) not null,
    region_id         integer,
    region            varchar(255),
    region_code       varchar(32),
    country_id        char(2)      not null,
    postcode          varchar(32),
    telephone         varchar(64),
    fax               varchar(64),
    vat_id            varchar(64),
    custom_attributes jsonb        not null default '{}'::jsonb
);

create index customer_address_customer_idx on customer_address (customer_id);
