// Azure resources for the Provisioning assistant: App Service (Linux, Node 20) running the bot, an Azure Bot
// (single-tenant) with the Teams channel and the OAuth connection admins sign in with, and a storage account
// whose blob container holds conversation state, click idempotency keys and the audit log.
// Deployed by teamsapp.yml (arm/deploy) with infra/azure.parameters.json; outputs in UPPER_CASE become
// environment variables of the Teams Toolkit environment (env/.env.<env>).

@minLength(4)
@maxLength(20)
@description('Prefix of every resource name; a hash of the resource group keeps global names unique.')
param resourceBaseName string

@description('Region of the App Service and the storage account. The Azure Bot itself is global.')
param location string = resourceGroup().location

@description('Client id of the bot\'s single-tenant Entra app (BOT_ID).')
param botAadAppClientId string

@secure()
@description('Client secret of the bot\'s Entra app (SECRET_BOT_PASSWORD).')
param botAadAppClientSecret string

@description('Tenant of the bot\'s Entra app (BOT_TENANT_ID).')
param botTenantId string

@maxLength(42)
param botDisplayName string = 'Provisioning assistant'

@description('Name of the Azure Bot OAuth connection (OAUTH_CONNECTION_NAME).')
param oauthConnectionName string = 'graph'

@description('Comma-separated tenant ids whose activities are served (ALLOWED_TENANTS); empty = only the bot\'s own tenant. Set it in azure.parameters.json to serve more.')
param allowedTenants string = ''

param storageContainerName string = 'provisioning-assistant'

@description('App Service plan SKU. B1 or higher: Free/Shared plans have no Always On, so the bot would sleep.')
param webAppSku string = 'B1'

@allowed([
  'F0'
  'S1'
])
param botServiceSku string = 'F0'

var uniqueSuffix = uniqueString(resourceGroup().id, resourceBaseName)
var webAppName = '${resourceBaseName}-${uniqueSuffix}'
// Storage account names: 3-24 lower-case letters and digits only.
var storageAccountName = 'st${uniqueSuffix}'
// The SSO resource (Application ID URI) set on the Entra app by aad.manifest.json.
var applicationIdUri = 'api://botid-${botAadAppClientId}'
// The connection asks for the bot's own API by app id: Entra refuses an app's token for itself when the resource
// is named by URI (AADSTS90009).
var ownApiScope = '${botAadAppClientId}/access_as_user'
var servedTenants = empty(allowedTenants) ? botTenantId : allowedTenants

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-01-01' = {
  parent: storageAccount
  name: 'default'
}

resource stateContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-01-01' = {
  parent: blobService
  name: storageContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource serverfarm 'Microsoft.Web/serverfarms@2022-09-01' = {
  name: webAppName
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2022-09-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'node --max-old-space-size=512 dist/src/index.js'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      appSettings: [
        {
          // The zip from `deploy` already holds dist/ and node_modules/: run it as uploaded.
          name: 'WEBSITE_RUN_FROM_PACKAGE'
          value: '1'
        }
        {
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'false'
        }
        {
          // App Service sets PORT; the bot must listen on every interface of the container.
          name: 'HOST'
          value: '0.0.0.0'
        }
        {
          name: 'BOT_ID'
          value: botAadAppClientId
        }
        {
          name: 'BOT_PASSWORD'
          value: botAadAppClientSecret
        }
        {
          name: 'BOT_TENANT_ID'
          value: botTenantId
        }
        {
          name: 'BOT_TYPE'
          value: 'SingleTenant'
        }
        {
          name: 'ALLOWED_TENANTS'
          value: servedTenants
        }
        {
          name: 'OAUTH_CONNECTION_NAME'
          value: oauthConnectionName
        }
        {
          name: 'STORAGE_CONNECTION_STRING'
          value: 'DefaultEndpointsProtocol=https;AccountName=${storageAccount.name};AccountKey=${storageAccount.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
        }
        {
          name: 'STORAGE_CONTAINER'
          value: stateContainer.name
        }
        {
          name: 'LOG_LEVEL'
          value: 'info'
        }
      ]
    }
  }
}

resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  name: webAppName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botServiceSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: botAadAppClientId
    msaAppTenantId: botTenantId
    msaAppType: 'SingleTenant'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// The sign-in connection. Teams SSO hands the bot a token for the bot's own API (api://botid-<BOT_ID>); the
// token service exchanges it for this connection's scope, and the bot trades that token on-behalf-of the admin
// for Microsoft Graph with the delegated permissions of aad.manifest.json (admin consent required).
resource oauthConnection 'Microsoft.BotService/botServices/connections@2022-09-15' = {
  parent: botService
  name: oauthConnectionName
  location: 'global'
  properties: {
    serviceProviderDisplayName: 'Azure Active Directory v2'
    serviceProviderId: '30dd229c-58e3-4a48-bdfd-91ec48eb906c'
    clientId: botAadAppClientId
    clientSecret: botAadAppClientSecret
    scopes: ownApiScope
    parameters: [
      {
        key: 'tenantID'
        value: botTenantId
      }
      {
        key: 'tokenExchangeUrl'
        value: applicationIdUri
      }
    ]
  }
}

output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output OAUTH_CONNECTION_NAME string = oauthConnection.name
