class VendoredGem; end
