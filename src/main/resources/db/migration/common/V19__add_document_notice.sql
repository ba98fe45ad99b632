-- What the admin should know about a ready document: text past the limit not read, changes to passages that did not
-- carry over to its new version. Set each time it becomes ready.
alter table knowledge_document add column notice varchar(1000);
