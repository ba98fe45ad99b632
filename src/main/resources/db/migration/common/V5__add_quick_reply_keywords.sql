-- Extra words a quick reply should be found by (synonyms, product names), separated by ';'.
alter table quick_reply add column keywords varchar(1000);
