-- Topics are named as Magento 2.4 names them (async.magento.catalog.api.productrepositoryinterface.save.post,
-- api.md section 6), so an integration that searches operations or routes messages by topic_name finds them.
-- Operations and bulk descriptions stored under the earlier short names (async.catalog.product.save.post) are
-- renamed here. Messages still queued under a short name reach their route through RouteTable's legacy alias, and
-- the queue binding async.# matches both forms.
create temporary table topic_rename (old_name varchar(255) primary key, new_name varchar(255) not null) on commit drop;
insert into topic_rename (old_name, new_name) values
    ('async.catalog.product.save.post', 'async.magento.catalog.api.productrepositoryinterface.save.post'),
    ('async.catalog.product.save.put', 'async.magento.catalog.api.productrepositoryinterface.save.put'),
    ('async.catalog.product.deletebyid.delete', 'async.magento.catalog.api.productrepositoryinterface.deletebyid.delete'),
    ('async.customer.account.createaccount.post', 'async.magento.customer.api.accountmanagementinterface.createaccount.post'),
    ('async.customer.customer.save.put', 'async.magento.customer.api.customerrepositoryinterface.save.put'),
    ('async.customer.customer.deletebyid.delete', 'async.magento.customer.api.customerrepositoryinterface.deletebyid.delete'),
    ('async.store.storeview.create.post', 'async.catalogbulk.store.api.storeviewmanagementinterface.create.post'),
    ('async.catalog.productattributemediagallery.create.post', 'async.magento.catalog.api.productattributemediagallerymanagementinterface.create.post'),
    ('async.catalog.productattributemediagallery.update.put', 'async.magento.catalog.api.productattributemediagallerymanagementinterface.update.put'),
    ('async.catalog.productattributemediagallery.remove.delete', 'async.magento.catalog.api.productattributemediagallerymanagementinterface.remove.delete'),
    ('async.catalog.productattribute.save.post', 'async.magento.catalog.api.productattributerepositoryinterface.save.post'),
    ('async.catalog.productattributeoption.add.post', 'async.magento.catalog.api.productattributeoptionmanagementinterface.add.post'),
    ('async.configurableproduct.option.save.post', 'async.magento.configurableproduct.api.optionrepositoryinterface.save.post'),
    ('async.configurableproduct.link.addchild.post', 'async.magento.configurableproduct.api.linkmanagementinterface.addchild.post'),
    ('async.catalog.productcustomoption.save.post', 'async.magento.catalog.api.productcustomoptionrepositoryinterface.save.post'),
    ('async.catalog.basepricestorage.update.post', 'async.magento.catalog.api.basepricestorageinterface.update.post'),
    ('async.catalog.specialpricestorage.update.post', 'async.magento.catalog.api.specialpricestorageinterface.update.post'),
    ('async.inventoryapi.sourceitemssave.execute.post', 'async.magento.inventoryapi.api.sourceitemssaveinterface.execute.post'),
    ('async.catalog.category.save.post', 'async.magento.catalog.api.categoryrepositoryinterface.save.post'),
    ('async.catalog.category.save.put', 'async.magento.catalog.api.categoryrepositoryinterface.save.put'),
    ('async.catalog.category.deletebyidentifier.delete', 'async.magento.catalog.api.categoryrepositoryinterface.deletebyidentifier.delete'),
    ('async.catalog.categorylink.save.post', 'async.magento.catalog.api.categorylinkrepositoryinterface.save.post'),
    ('async.cms.page.save.post', 'async.magento.cms.api.pagerepositoryinterface.save.post'),
    ('async.cms.page.save.put', 'async.magento.cms.api.pagerepositoryinterface.save.put'),
    ('async.cms.page.deletebyid.delete', 'async.magento.cms.api.pagerepositoryinterface.deletebyid.delete'),
    ('async.cms.block.save.post', 'async.magento.cms.api.blockrepositoryinterface.save.post'),
    ('async.cms.block.save.put', 'async.magento.cms.api.blockrepositoryinterface.save.put'),
    ('async.cms.block.deletebyid.delete', 'async.magento.cms.api.blockrepositoryinterface.deletebyid.delete'),
    ('async.quote.cart.createemptycart.post', 'async.magento.quote.api.cartmanagementinterface.createemptycart.post'),
    ('async.quote.cartitem.save.post', 'async.magento.quote.api.cartitemrepositoryinterface.save.post');

update operation o set topic_name = r.new_name from topic_rename r where o.topic_name = r.old_name;
update bulk b set description = 'Topic ' || r.new_name from topic_rename r where b.description = 'Topic ' || r.old_name;
